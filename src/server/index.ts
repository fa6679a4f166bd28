export { createServer, startServer, type GatewayServer, type RunningServer, type ServedContent, type ServerOptions } from './create-server';
export { createLogger, type Logger } from './logger';
