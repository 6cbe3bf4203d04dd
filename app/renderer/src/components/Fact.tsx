// One term and its value in a <dl className="facts">: <Fact term="Version">27.1</Fact>.
import type { ReactNode } from 'react';

export function Fact({ term, className, children }: { term: string; className?: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd className={className}>{children}</dd>
    </>
  );
}
