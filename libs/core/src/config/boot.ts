import { AppConfig, loadAppConfig } from './app-config';
import { ConfigValidationError } from './environment';

/** Loads the configuration or stops the process with one line per problem. */
export function loadAppConfigOrExit(raw: Record<string, string | undefined> = process.env): AppConfig {
  try {
    return loadAppConfig(raw);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
