/**
 * The zod schemas of every /api/auth body and answer: they validate, document (OpenAPI) and type the
 * API for the web front end. Dates are ISO 8601 strings.
 */
import { z } from 'zod';
import { errorBodySchema } from '../http/errors.ts';
import { MAX_PASSWORD_LENGTH } from './password.ts';

/** The API's error body; `lockedUntil` comes with the code `account_locked`. */
export const authErrorSchema = errorBodySchema
  .extend({
    lockedUntil: z.string().optional().describe('Fin du verrouillage du compte (ISO 8601), avec le code account_locked'),
  })
  .describe('Erreur');

export const userSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  roles: z.array(z.string()),
});

export const loginBodySchema = z.object({
  email: z.string().trim().max(254).describe('Adresse électronique du compte'),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

export const loginResponseSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok').describe('Connecté : le cookie de session est posé'), user: userSchema }),
  z.object({
    status: z.literal('totp_required').describe('Mot de passe correct : envoyez le code à /api/auth/login/totp'),
    expiresAt: z.string().describe('Fin de validité de cette connexion en attente (ISO 8601)'),
  }),
  z.object({
    status: z
      .literal('totp_enrolment_required')
      .describe('Connecté, mais un rôle du compte exige la double authentification : session limitée à son activation'),
    user: userSchema,
  }),
]);

const TOTP_CODE = /^\s*\d{3}\s?\d{3}\s*$/;
export const totpCodeSchema = z
  .string()
  .max(20)
  .regex(TOTP_CODE, 'code à 6 chiffres attendu')
  .describe('Code à 6 chiffres de l’application d’authentification');

export const secondFactorBodySchema = z
  .object({
    code: totpCodeSchema.optional(),
    recoveryCode: z.string().max(40).optional().describe('Un des codes de secours (usage unique), à la place du code'),
  })
  .refine((b) => (b.code === undefined) !== (b.recoveryCode === undefined), {
    message: 'saisissez soit le code à 6 chiffres, soit un code de secours',
  });

export const loginTotpResponseSchema = z.object({
  status: z.literal('ok'),
  user: userSchema,
  method: z.enum(['totp', 'recovery_code']),
  recoveryCodesLeft: z.number().int().describe('Codes de secours encore utilisables'),
});

export const totpStatusSchema = z.object({
  enabled: z.boolean().describe('Le compte a une double authentification'),
  required: z.boolean().describe('Un rôle du compte l’exige'),
  recoveryCodesLeft: z.number().int(),
});

export const meResponseSchema = z.object({
  user: userSchema,
  restricted: z.boolean().describe('Session limitée à l’activation de la double authentification'),
  totp: totpStatusSchema,
});

export const enrolmentResponseSchema = z.object({
  secret: z.string().describe('Secret en base32, à saisir à la main si le QR code ne peut être lu'),
  otpauthUri: z.string().describe('URI otpauth://totp/… (le contenu du QR code)'),
  qrCodeSvg: z.string().describe('Le QR code, en SVG'),
  qrCodeDataUri: z.string().describe('Le même QR code en URI data:image/svg+xml, pour une balise <img>'),
  issuer: z.string(),
  account: z.string(),
  algorithm: z.literal('SHA1'),
  digits: z.literal(6),
  period: z.literal(30),
  expiresAt: z.string().describe('Confirmez avant cette date (ISO 8601)'),
});

export const codeBodySchema = z.object({ code: totpCodeSchema });

export const recoveryCodesResponseSchema = z.object({
  recoveryCodes: z.array(z.string()).describe('10 codes de secours à usage unique : affichés cette fois seulement'),
});

export const enrolmentConfirmResponseSchema = recoveryCodesResponseSchema.extend({ user: userSchema });

export const roleSchema = z.object({
  id: z.string(),
  label: z.string(),
  description: z.string().optional(),
  requireTotp: z.boolean(),
});

export const rolesResponseSchema = z.object({ roles: z.array(roleSchema) });

export type LoginResponse = z.infer<typeof loginResponseSchema>;
export type LoginTotpResponse = z.infer<typeof loginTotpResponseSchema>;
export type MeResponse = z.infer<typeof meResponseSchema>;
export type EnrolmentResponse = z.infer<typeof enrolmentResponseSchema>;
export type AuthErrorBody = z.infer<typeof authErrorSchema>;
