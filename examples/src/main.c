#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calc.h"
#include "version.h"

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--version") == 0) {
        printf("calc %s\n", CALC_VERSION);
        return 0;
    }
    if (argc != 4 || strlen(argv[2]) != 1) {
        fprintf(stderr, "usage: calc NUMBER OP NUMBER\n");
        return 2;
    }
    int ok;
    long result = calc_apply(strtol(argv[1], NULL, 10), argv[2][0], strtol(argv[3], NULL, 10), &ok);
    if (!ok) {
        fprintf(stderr, "calc: cannot compute\n");
        return 1;
    }
    printf("%ld\n", result);
    return 0;
}
