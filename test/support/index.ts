export * from './factories';
export * from './http-client';
export * from './test-server';
export * from './test-stack';
export * from './job-helpers';
export * from './processes';
export * from './tcp-proxy';
export * from './auth-helpers';
