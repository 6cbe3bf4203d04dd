// Berth's engine in a VM: Lima (macOS), WSL 2 (Windows) and the isolated QEMU VM (Linux).
export { LimaHost, limaPaths, LIMA_DATA_DISK, LIMA_INSTANCE, type LimaHostOptions } from './lima-host';
export { chooseVmType, DEFAULT_VM_RESOURCES, renderLimaConfig, type LimaVmType, type VmResources } from './lima-config';
export { describeRestart, restartPlan, type RestartPlan } from './restart-reasons';
export { WslHost, wslPaths, WSL_DATA_DISTRO, WSL_DISTRO, type WslHostOptions } from './wsl-host';
export { decodeWslOutput, parseWslList, parseWslStatus, wslProblem, type WslProblem } from './wsl-output';
export { QemuHost, kvmUsable, linuxVmAvailability, type QemuHostOptions } from './qemu-host';
export { IdleSaver, type IdleSaverOptions } from './idle-saver';
export { isVmHost, type VmControls, type VmDiskUsage, type VmHost, type VmRestartPlan } from './vm-controls';
