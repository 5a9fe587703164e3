#include "calc.h"

long calc_apply(long left, char op, long right, int *ok)
{
    *ok = 1;
    switch (op) {
    case '+': return left + right;
    case '-': return left - right;
    case '*': return left * right;
    case '/':
        if (right != 0) return left / right;
        break;
    }
    *ok = 0;
    return 0;
}
