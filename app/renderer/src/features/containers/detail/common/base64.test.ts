import { describe, expect, it } from 'vitest';
import { base64Size, base64ToBytes, bytesToBase64 } from './base64';

function reference(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

describe('base64', () => {
  it('round-trips all byte values', () => {
    const bytes = new Uint8Array(256);
    for (let i = 0; i < 256; i++) bytes[i] = i;
    const b64 = bytesToBase64(bytes);
    expect(b64).toBe(reference(bytes));
    expect(Array.from(base64ToBytes(b64))).toEqual(Array.from(bytes));
  });
  it('handles empty input and padding', () => {
    expect(bytesToBase64(new Uint8Array())).toBe('');
    expect(base64ToBytes('').length).toBe(0);
    expect(base64ToBytes('aGk=')).toEqual(new Uint8Array([104, 105]));
    expect(base64Size('aGk=')).toBe(2);
    expect(base64Size('aGV5')).toBe(3);
    expect(base64Size('YQ==')).toBe(1);
  });
  it('encodes large buffers (more than one slice)', () => {
    const bytes = new Uint8Array(200_000).map((_, i) => (i * 7) & 0xff);
    const b64 = bytesToBase64(bytes);
    expect(b64).toBe(reference(bytes));
    expect(base64Size(b64)).toBe(bytes.length);
  });
});
