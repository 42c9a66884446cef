/* facts_cmd.h: mogamictl facts verify (issue 23) */
#ifndef FACTS_CMD_H
#define FACTS_CMD_H

int	 cmd_facts_verify(int, char *[]);
int	 cmd_facts_decide(int, char *[]);

#endif
