/* session.h: a logged-in user's session */
#ifndef SESSION_H
#define SESSION_H

struct session {
	long long	 id;
	long long	 user_id;
	long long	 facility_id;
	unsigned int	 roles;		/* enum role bits */
	char		 login[64];
	char		 name[128];
	char		 role_name[32];	/* the role shown and audited */
	char		 csrf[65];
	int		 locked;	/* idle-locked: password needed */
};

#endif
