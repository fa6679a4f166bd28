/**
 * Suites that drive a system package (Debian's chromium, redis-server) run where it is installed.
 * On a developer's machine without it they report themselves skipped, on one line saying why and
 * how to run them; under CI (`CI=true`, which `.ci/run` sets) a missing package fails the suite,
 * so CI always runs it.
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export interface SystemPackage {
  /** Debian package that provides the program, for the install hint. */
  debian: string;
  /** Executable names or absolute paths, first found wins. */
  candidates: readonly string[];
}

export const CHROMIUM: SystemPackage = { debian: 'chromium', candidates: ['/usr/bin/chromium', 'chromium'] };
export const REDIS_SERVER: SystemPackage = { debian: 'redis-server', candidates: ['/usr/bin/redis-server', 'redis-server'] };

const underCi = (): boolean => /^(1|true|yes)$/i.test(process.env.CI ?? '');

/** The program's absolute path, or null when none of the candidates is installed. */
export function findProgram(pkg: SystemPackage): string | null {
  for (const candidate of pkg.candidates) {
    const found = path.isAbsolute(candidate) ? executable(candidate) : onPath(candidate);
    if (found) return found;
  }
  return null;
}

/**
 * `describe` when the package is installed; otherwise a skipped suite and one line on stderr
 * (locally), or a suite with one failing test naming the package (under CI).
 */
export function describeWithProgram(pkg: SystemPackage, name: string, body: (program: string) => void): void {
  const program = findProgram(pkg);
  if (program) {
    describe(name, () => {
      body(program);
    });
    return;
  }
  const hint = `needs ${pkg.candidates[0]} (apt-get install -y ${pkg.debian})`;
  if (underCi()) {
    describe(name, () => {
      test(`${pkg.debian} is installed`, () => {
        throw new Error(`${name} ${hint}; CI must run it`);
      });
    });
    return;
  }
  process.stderr.write(`skipped: "${name}" ${hint}; CI=true makes this a failure\n`);
  describe.skip(name, () => {
    body('');
  });
}

function executable(file: string): string | null {
  try {
    accessSync(file, constants.X_OK);
    return file;
  } catch {
    return null;
  }
}

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const found = executable(path.join(dir, name));
    if (found) return found;
  }
  return null;
}
