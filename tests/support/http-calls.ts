/** One JSON answer of the HTTP API: its status and body. */
export interface JsonAnswer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * A JSON request to a test server's HTTP API as a script makes it (a bearer
 * token, or none for the open routes); the answer's status and parsed body.
 */
export async function callApi(
  baseUrl: string,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<JsonAnswer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The refusal in an answer's body: `{ error: { code, message } }`. */
export const errorOf = (body: Record<string, unknown>) => body.error as { code: string; message: string };
