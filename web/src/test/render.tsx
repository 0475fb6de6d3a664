import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { vi } from 'vitest';
import { AppProviders, createQueryClient } from '../AppProviders';

/** Shows where the app navigated to, for assertions. */
function LocationProbe() {
  const location = useLocation();
  return <div data-testid="location">{location.pathname + location.search}</div>;
}

/** Renders `element` at `path` (matching `route`) inside the app's providers, with a location probe. */
export function renderAt(
  element: ReactElement,
  { path = '/', route = '*' }: { path?: string; route?: string } = {},
) {
  return render(
    <AppProviders queryClient={createQueryClient()}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path={route} element={element} />
          <Route path="*" element={<div>其他页面</div>} />
        </Routes>
        <LocationProbe />
      </MemoryRouter>
    </AppProviders>,
  );
}

export interface FakeCall {
  url: string;
  method: string;
  body: unknown;
}

/** Replaces fetch: `answer(url, method, body)` returns [status, json]; every call is recorded. */
export function mockFetch(answer: (url: string, method: string, body: unknown) => [number, unknown]) {
  const calls: FakeCall[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    // JSON bodies parsed; a FormData (multipart upload) recorded as it is.
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body instanceof FormData ? init.body : undefined;
    calls.push({ url, method, body });
    const [status, json] = answer(url, method, body);
    return {
      ok: status >= 200 && status < 300,
      status,
      text: async () => (json === undefined ? '' : JSON.stringify(json)),
    } as Response;
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}
