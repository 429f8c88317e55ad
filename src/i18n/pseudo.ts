/**
 * The pseudo-language of the tests (issue 13): every letter accented and each text 40 % longer,
 * so a string that is not in a catalog stands out as plain English and a layout that breaks on
 * German or Somali lengths breaks here first. Placeholders and plural choices keep their shape.
 */
import type { Messages } from '@lingui/core';

const ACCENTED: Record<string, string> = {
  a: 'á',
  e: 'é',
  i: 'í',
  o: 'ö',
  u: 'ü',
  c: 'ç',
  n: 'ñ',
  s: 'š',
  z: 'ž',
  y: 'ý',
  A: 'Á',
  E: 'É',
  I: 'Í',
  O: 'Ö',
  U: 'Ü',
  C: 'Ç',
  N: 'Ñ',
  S: 'Š',
  Z: 'Ž',
  Y: 'Ý',
};

export function pseudoText(text: string): string {
  const accented = [...text].map((char) => ACCENTED[char] ?? char).join('');
  const letters = text.replace(/[^\p{L}]/gu, '').length;
  const padding = Math.ceil(letters * 0.4);
  return padding > 0 ? `${accented}${'·'.repeat(padding)}` : accented;
}

type Compiled = string | readonly unknown[];

function pseudoCompiled(message: Compiled): Compiled {
  if (typeof message === 'string') return pseudoText(message);
  return message.map((token) => {
    if (typeof token === 'string') return pseudoText(token);
    if (!Array.isArray(token)) return token;
    const [name, type, format] = token as [string, string?, unknown?];
    if (format && typeof format === 'object' && !Array.isArray(format)) {
      const choices = Object.fromEntries(
        Object.entries(format).map(([key, value]) => [
          key,
          typeof value === 'string' || Array.isArray(value) ? pseudoCompiled(value as Compiled) : value,
        ]),
      );
      return [name, type, choices];
    }
    return token;
  });
}

export function pseudoMessages(source: Messages): Messages {
  return Object.fromEntries(
    Object.entries(source).map(([id, message]) => [id, pseudoCompiled(message as Compiled)]),
  ) as Messages;
}
