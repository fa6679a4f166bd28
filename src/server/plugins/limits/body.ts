/**
 * Reads JSON request bodies up to a size limit. A bigger body is refused with 413 and a
 * GraphQL-shaped error that names the limit; other unreadable bodies are left to the
 * HTTP rules' own error handler.
 */
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { sendRequestError } from '../http-spec';

function isTooLarge(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'type' in error && error.type === 'entity.too.large';
}

export function jsonBody(maxBodyBytes: number): [RequestHandler, ErrorRequestHandler] {
  const refuseTooLarge: ErrorRequestHandler = (error: unknown, request, response, next) => {
    if (!isTooLarge(error)) return next(error);
    sendRequestError(request, response, 413, `Request body limit of ${maxBodyBytes} bytes exceeded.`, 'PAYLOAD_TOO_LARGE');
  };
  return [express.json({ limit: maxBodyBytes }), refuseTooLarge];
}
