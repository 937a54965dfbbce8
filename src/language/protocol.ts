/**
 * What the Dockerfile language client and server say to each other beyond LSP,
 * in one module both import. Neither side's other code repeats these names.
 */
export const serverName = 'Berth Dockerfile Language Server';

/** Settings the client passes as initializationOptions. */
export interface ServerInitOptions {
  /** Image references the engine has, for completion after FROM (the server stays engine-free). */
  localImages?: string[];
}
