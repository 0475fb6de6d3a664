import { hash, verify } from '@node-rs/argon2';
import { passwordProblem } from '@ce/shared';
import { AppError } from '../../errors';

// Argon2id with the OWASP baseline (19 MiB, 2 passes): memory-hard, ≈ 30 ms here.
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, options);

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

/** Rejects a password that does not meet the rules (R-4: any printable characters are allowed). */
export function assertPasswordAllowed(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new AppError('VALIDATION', problem);
}

/** The password an admin reset sets: the last six characters of the ID number. */
export const resetPasswordFor = (idNumber: string) => idNumber.slice(-6);
