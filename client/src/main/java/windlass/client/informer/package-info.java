/**
 * Informers: a local, always-current copy of one resource, kept by list-then-watch, that tells handlers about every
 * change in order. {@link windlass.client.informer.SharedInformer} is the entry point; {@link
 * windlass.client.informer.Lister} and {@link windlass.client.informer.Indexer} read its cache; {@link
 * windlass.client.informer.InformerFactory} shares one informer per resource between controllers.
 */
package windlass.client.informer;
