// The run form's and the edit tab's ports and mounts lists, bound to the form's problems: a removed
// row's touched state goes with it.
import type { ImageSummary } from '../../../../shared/contract';
import { formList } from './FormFields';
import { RunMounts } from './RunMounts';
import { RunPorts } from './RunPorts';
import { withoutRow, type PortRow, type VolumeRow } from './run-form';
import type { useFormProblems } from './use-form-problems';

type Problems = Pick<ReturnType<typeof useFormProblems>, 'setTouched' | 'left' | 'invalid' | 'messages'>;

export function PortsAndMounts({
  image,
  images,
  form: { ports, volumes },
  set,
  problems,
}: {
  image: string;
  images: ImageSummary[] | undefined;
  form: { ports: PortRow[]; volumes: VolumeRow[] };
  set(key: 'ports', rows: PortRow[]): void;
  set(key: 'volumes', rows: VolumeRow[]): void;
  problems: Problems;
}) {
  const checks = {
    ...problems,
    removedRow: (group: string, i: number) => problems.setTouched((t) => withoutRow(t, group, i)),
  };
  return (
    <>
      <RunPorts image={image} images={images} list={formList(checks, 'ports', ports, (rows) => set('ports', rows))} />
      <RunMounts list={formList(checks, 'volumes', volumes, (rows) => set('volumes', rows))} />
    </>
  );
}
