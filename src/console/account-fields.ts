/**
 * What an account's fields may hold, checked at every edge (console API and
 * command line) by the same zod schemas.
 */
import { z } from 'zod';
import { LANGUAGES, type Language } from '../engine/flow';
import { roleSchema } from './roles';

/** Lower-case letters, digits, dot, dash and underscore; starts with a letter or digit. */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, '2 to 32 characters: letters, digits, dot, dash, underscore');

/** Marks, embeddings, overrides and isolates that reorder the text around them. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
/** Format characters that show nothing (zero-width space, ZWNJ, ZWJ, word joiner, BOM, soft hyphen...). */
const INVISIBLE = /[\p{Cf}\u00ad]/gu;

/**
 * Patients see this name when an operator or doctor joins their chat, so it must show as
 * what it is: one line, in its own reading order, with something visible in it. Refused:
 * control characters and line separators ("Ravi\nDr Fake (Reg. No. ...)" would show a
 * second, made-up line), bidirectional controls ("\u202eDr Asha" shows reversed), and a
 * name with no visible letters once invisible characters are set aside ("\u200b").
 * Invisible characters inside a visible name stay: Bengali and Devanagari spellings need
 * ZWNJ and ZWJ (U+200C, U+200D) inside words ("র\u200c্যাব").
 */
export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'required')
  .max(80, 'at most 80 characters')
  .refine((name) => !/[\p{Cc}\p{Zl}\p{Zp}]/u.test(name), 'one line, without tabs or other control characters')
  .refine((name) => !BIDI_CONTROLS.test(name), 'without characters that change the text direction (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C)')
  .refine((name) => name === '' || name.replace(INVISIBLE, '').trim() !== '', 'no visible letters: only invisible characters');

const unique = <T>(items: T[]) => [...new Set(items)];

export const rolesSchema = z.array(roleSchema).min(1, 'at least one role').max(3).transform(unique);

export const languagesSchema = z
  .array(z.enum(LANGUAGES as [Language, ...Language[]]))
  .max(LANGUAGES.length * 2)
  .transform(unique);

/** A hand-off queue id: "triage", "beds", "probash-ksa". */
export const queueSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'a queue id: letters, digits, dash, underscore');

export const queuesSchema = z.array(queueSchema).max(50).transform(unique);

/**
 * A doctor's medical council registration number ("WBMC 61234", "MCI/12-3456"), shown with their
 * replies to patients (Telemedicine Practice Guidelines 2020). '' removes it.
 */
export const registrationSchema = z
  .string()
  .trim()
  .max(40, 'at most 40 characters')
  .regex(/^([A-Za-z0-9][A-Za-z0-9 ./-]*)?$/, 'letters, digits, space, dot, slash and dash');

/** Presence only: the rules (passwordProblem) run after, so that messages never quote the value. */
export const passwordSchema = z.string().max(1000);
