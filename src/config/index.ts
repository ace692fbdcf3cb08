export { envSchema, isLoopbackHost, parseEnv, type ConfigResult, type Env } from './env.js';
