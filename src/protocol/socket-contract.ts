import type { z } from 'zod';
import type { AckCallback } from './ack';

/**
 * How a namespace's contract is written: one table of requests
 * (`event -> { request, ack }`: what the client sends, what the server answers
 * in its `Ack`) and one of pushes (`event -> payload`: what the server sends
 * unasked). Both ends infer their types from the tables, the server parses
 * every request from them and the clients parse every answer and push.
 * A new event is one row.
 */
export interface RequestContract<Req extends z.ZodType = z.ZodType, Data extends z.ZodType = z.ZodType> {
  request: Req;
  ack: Data;
}

export type RequestTable = Record<string, RequestContract>;
export type PushTable = Record<string, z.ZodType>;

/** The request a client sends for `K` (before the server's defaults apply). */
export type RequestOf<T extends RequestTable, K extends keyof T> = z.input<T[K]['request']>;
/** The request as a handler receives it: parsed, defaults applied. */
export type ParsedRequestOf<T extends RequestTable, K extends keyof T> = z.output<T[K]['request']>;
/** What a successful answer to `K` carries. */
export type AckDataOf<T extends RequestTable, K extends keyof T> = z.output<T[K]['ack']>;
export type PushOf<T extends PushTable, K extends keyof T> = z.output<T[K]>;

/** socket.io's event map of what the client emits, from a request table. */
export type ClientEventsOf<T extends RequestTable> = {
  [K in keyof T]: (request: RequestOf<T, K>, ack: AckCallback<AckDataOf<T, K>>) => void;
};

/** socket.io's event map of what the server emits, from a push table. */
export type ServerEventsOf<T extends PushTable> = { [K in keyof T]: (payload: PushOf<T, K>) => void };
