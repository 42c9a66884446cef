/* config.h: the instance's settings, read from var/.../mogami.conf */
#ifndef CONFIG_H
#define CONFIG_H
#include <stddef.h>
#include <time.h>

struct config {
	char	 net_name[128];		/* A2: display name */
	char	 var_dir[512];		/* the instance's var/ */
	char	 db_socket[512];
	char	 db_host[256];		/* TCP instead of the socket (another host) */
	int	 db_port;		/* with db_host; 0: 3306 */
	int	 db_causal_reads;	/* Galera: reads wait for other nodes' commits */
	char	 db_name[64];
	char	 db_user[64];
	char	 db_password[128];
	char	 fcgi_socket[512];
	char	 fcgi_group[64];	/* nginx's group: the socket becomes 0660 */
	char	 templates[512];
	char	 lang[512];
	char	 nginx_pid[512];
	char	 origin[256];		/* https://localhost:8443, for Origin checks */
	int	 workers;
	size_t	 body_max;		/* bytes */
	int	 idle_lock_secs;	/* A8.4 */
	int	 session_max_secs;
	int	 lockout_failures;
	int	 lockout_secs;
	int	 lockout_alert_count;	/* this many lockouts of one account ... */
	int	 lockout_alert_secs;	/* ... within this long alert the operator */
	long	 clock_offset;		/* seconds added to the clock (tests only) */
	int	 test_clock;		/* 1 when clock_offset may be changed */
	/* mogamictl scheduler: how often each job runs (0: never) */
	int	 jobs_users_expire_secs;
	int	 jobs_emergency_secs;
	int	 jobs_misuse_secs;
	int	 emergency_hours;	/* A14: how long a grant lasts */
	int	 emergency_followup_days; /* consent due after a grant */
	/* A4.3: days the desk has to answer a complaint */
	int	 desk_due_days;
	int	 jobs_ssmix2_secs;	/* SS-MIX2 import of every enabled facility */
	int	 jobs_audit_seal_secs;	/* seal the audit chain, checkpoint its head */
	int	 jobs_dashboard_secs;	/* count record views ahead for the dashboard */
	int	 dash_low_views;	/* fewer views in 90 days: a facility in little use */
	int	 consent_needs_check;	/* A12.4: a form 4 counts once the operator checked it */
	/* A11.2: searches by exact identifiers that find nobody, per user:
	 * more than search_miss_limit in search_miss_window_secs are refused. */
	int	 search_miss_limit;
	int	 search_miss_window_secs;
};

extern struct config	 cfg;

int	 config_load(const char *, char *, size_t);
time_t	 now(void);
long long now_us(void);
void	 today(char [11]);
/* The application clock as UTC "YYYY-MM-DD HH:MM:SS" (a DATETIME to bind). */
void	 utc_now(char [20]);

#endif
