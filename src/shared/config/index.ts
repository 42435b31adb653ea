/** Public face of configuration: schema, defaults and loader. */
export * from './schema.js';
export * from './defaults.js';
export { loadConfig, loadServicesFile, readConfigFile, ENV_OVERRIDES } from './loader.js';
export { LIVE_SETTINGS, getSetting, setSetting } from './live.js';
