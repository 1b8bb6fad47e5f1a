import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserProfile } from '../contract.ts';
import { api } from '../api/client.ts';
import { useSession } from '../stores/session.ts';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { ProfileDetails } from './ProfileDetails.tsx';
import { ProfileLanguage } from './ProfileLanguage.tsx';

export function ProfileScreen({ user }: { user: UserProfile }) {
  const { t } = useTranslation();

  // Fresh details on every visit (an admin may have approved the partner meanwhile).
  useEffect(() => {
    api.call('session.me', {}).then(
      (me) => useSession.getState().setUser(me),
      () => undefined, // the header still shows the sign-in copy; PD_AUTH_003 is handled by the client
    );
  }, []);

  return (
    <div className="space-y-6">
      <h1 className="page-title">{t('profile.title')}</h1>
      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <ProfileDetails user={user} />
        <div className="space-y-6">
          <ProfileLanguage current={user.lang} />
          <ChangePasswordForm username={user.userId} />
        </div>
      </div>
    </div>
  );
}
