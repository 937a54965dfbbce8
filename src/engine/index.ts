/**
 * The engine layer's public surface, for code outside src/engine: one import site.
 *
 *   const engine = new Engine(resolveEndpoint(systemEndpointInputs(config.host)));
 *   await engine.containers.start(id);
 *   const follower = engine.follow({ onEvent, onState });
 */
export { Engine, type EngineOptions } from './engine';
export { EngineError, toEngineError, type EngineErrorKind } from './errors';
export { resolveEndpoint, parseEndpointUrl, type Endpoint, type EndpointSource, type EndpointInputs, type TlsFiles } from './endpoint';
export { listContexts, useContext, systemEndpointInputs, type ContextInfo } from './contexts';
export { EventFollower, type ConnectionState, type FollowOptions } from './events';
export { BuildError, type BuildStep, type TransferOptions } from './images';
export type { ExecOptions, LogOptions, Session } from './containerIo';
export type { ListContainersOptions } from './containers';
export type { RegistryAuth } from './api';
export { onText, type Frame, type StreamKind } from './streams';
export type { TarFile, TarEntry } from './tar';
export * as validate from './validate';
export { engineIdentityLabel } from './podman';
export type * from './types';
