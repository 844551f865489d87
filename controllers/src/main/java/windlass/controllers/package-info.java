/** The controller manager: one package per controller, each a reconcile(key) over shared informers. */
package windlass.controllers;
