// The container detail tabs, rendered by the detail page inside its tablist
// (Logs, Terminal, Stats, Inspect, Files, Processes, Edit).
export { LogsTab } from './logs/LogsTab';
export { TerminalTab } from './terminal/TerminalTab';
export { StatsTab } from './stats/StatsTab';
export { InspectTab } from './inspect/InspectTab';
export { FilesTab } from './files/FilesTab';
export { ProcessesTab } from './processes/ProcessesTab';
export { EditTab } from './edit/EditTab';

/** Terminals outlive the tab: close them when a container is removed or the engine goes away. */
export { closeTerminal, closeAllTerminals, useTerminalStore } from './terminal/terminal-store';
/** Stats history outlives the tab: drop it when a container is removed. */
export { dropStats } from './stats/stats-store';
