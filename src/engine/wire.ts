/**
 * The engine's list answers as they arrive on the wire (GET /containers/json and
 * /images/json, API 1.41+), only the fields Berth reads. Everything past src/engine
 * sees the plain data of ./types instead.
 */

export interface ContainerListEntry {
  Id: string;
  Names?: string[];
  Image: string;
  ImageID: string;
  Command: string;
  Created: number;
  Ports?: { IP?: string; PrivatePort: number; PublicPort?: number; Type: string }[];
  Labels?: Record<string, string>;
  State?: string;
  Status: string;
  NetworkSettings?: { Networks?: Record<string, unknown> };
  Mounts?: { Type: string; Name?: string; Source: string; Destination: string; RW: boolean }[];
  /** Only with size=1. */
  SizeRw?: number;
  SizeRootFs?: number;
}

export interface ImageListEntry {
  Id: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Created: number;
  Size: number;
  Labels?: Record<string, string> | null;
  Containers: number;
}
