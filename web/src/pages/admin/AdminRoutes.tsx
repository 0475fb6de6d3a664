import { Route, Routes } from 'react-router';
import { AdminLayout, AdminNotFound, AdminPageGuard } from './AdminLayout';
import { ADMIN_HOME, ADMIN_MENU } from './menu';

const relative = (path: string) => path.replace(/^\/admin\//, '');

/**
 * The admin console under /admin (loaded on demand: the public pages do not need it). Every route
 * comes from ADMIN_MENU (menu.tsx), each behind the guard of its page.
 */
export default function AdminRoutes() {
  const Home = ADMIN_HOME.component;
  return (
    <Routes>
      <Route element={<AdminLayout />}>
        <Route index element={<Home />} />
        {ADMIN_MENU.flatMap((g) => g.entries).flatMap((e) => [
          <Route
            key={e.path}
            path={relative(e.path)}
            element={
              <AdminPageGuard page={e.page}>
                <e.component />
              </AdminPageGuard>
            }
          />,
          ...(e.subPages ?? []).map((s) => (
            <Route
              key={`${e.path}/${s.path}`}
              path={`${relative(e.path)}/${s.path}`}
              element={
                <AdminPageGuard page={s.page}>
                  <s.component />
                </AdminPageGuard>
              }
            />
          )),
        ])}
        <Route path="*" element={<AdminNotFound />} />
      </Route>
    </Routes>
  );
}
