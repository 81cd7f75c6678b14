/** Progress of a long task, as services report it. */
export interface Progress {
  done: number;
  total: number;
  message: string;
}

/** The common fields of every service's `/status` answer. */
export interface ServiceStatusView {
  ready: boolean;
  message: string | null;
  progress: Progress | null;
}
