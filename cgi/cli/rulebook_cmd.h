/* rulebook_cmd.h: mogamictl rules load (A11.1, A8.2) */
#ifndef RULEBOOK_CMD_H
#define RULEBOOK_CMD_H

int	 cmd_rules_load(int, char *[]);

#endif
