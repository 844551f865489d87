/** The windlass launcher: windlass up (single-node cluster), and the runnable jar. */
package windlass.dist;
