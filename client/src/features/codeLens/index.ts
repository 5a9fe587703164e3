// Room: the server's CodeLenses (Check Convergence, Trace on each rule) run make: none in Restricted Mode or when
// makescope.codeLens is off.
import type { ClientServices } from '../../infrastructure/clientServices';
import { mayRunMake } from '../../infrastructure/trustGate';

export function register(services: ClientServices): void {
  services.middleware.provideCodeLenses = (document, token, next) => {
    if (!mayRunMake() || !services.settings.get(document.uri).codeLens) return [];
    return next(document, token);
  };
}
