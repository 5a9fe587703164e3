#ifndef CALC_H
#define CALC_H

long calc_apply(long left, char op, long right, int *ok);

#endif
