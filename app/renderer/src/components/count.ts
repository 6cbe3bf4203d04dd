// "1 image", "3 volumes": a count with its noun, plural when it is not one.
export const countOf = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
