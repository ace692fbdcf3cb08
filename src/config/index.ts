export { envSchema, parseEnv, type ConfigResult, type Env } from './env.js';
