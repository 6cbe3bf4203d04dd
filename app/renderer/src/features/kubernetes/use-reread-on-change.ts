// Reads a request again whenever the watched row of the object it is about changes: the watch
// already says when something happened, so a dialog about one object stays current without polling.
// The first render reads nothing extra (the request's own first read is under way).
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { RequestArgs, RequestName } from '../../../../shared/contract';
import { queryKey } from '../../api/hooks';

export function useRereadOnChange<M extends RequestName>(method: M, args: RequestArgs<M>, row: unknown): void {
  const client = useQueryClient();
  // The row's content is what signals a change (a new row object with the same content is none).
  const state = JSON.stringify(row ?? null);
  const seen = useRef(state);
  const key = useRef(queryKey(method, args));
  key.current = queryKey(method, args);
  useEffect(() => {
    if (seen.current === state) return;
    seen.current = state;
    void client.invalidateQueries({ queryKey: key.current });
  }, [state, client]);
}
