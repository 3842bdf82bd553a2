/**
 * The {@code langbein} selector: Langbein functional-independence selection for any basis that
 * offers its Jacobian with respect to primitive variables ({@link org.atomstack.api.selection.SelectableBasis}).
 * A candidate function is kept when its gradient row raises the numerical rank of the Jacobian
 * of the functions kept before it, at one of N random points; the union over the points is the
 * selection (Allen, Shinkle, Bujack &amp; Lubbers 2025, Sec. II B and II D). Optional vanishing
 * groups of primitives make it the flexible-set test of Sec. II E 3.
 *
 * <p>The implementation lives in the unexported {@code internal} package and is reached through
 * the {@code SelectorProvider} service, id {@code langbein}.
 */
module org.atomstack.selection.langbein {
    requires org.atomstack.api;

    provides org.atomstack.api.selection.SelectorProvider with org.atomstack.selection.langbein.internal.LangbeinSelectorProvider;
}
