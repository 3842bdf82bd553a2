package org.atomstack.basis.ace.toolkit;

import java.util.Map;
import java.util.Optional;
import org.atomstack.api.plugin.Parameters;
import org.atomstack.api.stack.StackContext;
import org.atomstack.basis.ace.internal.AceConfig;

/**
 * The validated parameters of an {@code ace} descriptor stage, read exactly as the {@code ace}
 * plugin reads them (reference: the module README), for plugins that build another basis on the
 * same settings, such as purification's canonical ACE. Gives the basis specification, the radial
 * basis of every (centre, neighbour) species pair and the canonical parameter map.
 *
 * <p>Besides the ace keys, two are accepted and passed through for the purification plugin:
 * {@code purify} (boolean, default false: build the canonical, self-interaction-free basis
 * instead) and {@code purification} (a section of that plugin's options). {@code selection} is
 * accepted but not interpreted here. Immutable.
 */
public final class AceParameters {
    private final AceConfig settings;

    private AceParameters(AceConfig settings) {
        this.settings = settings;
    }

    /**
     * Reads and validates {@code ace} parameters.
     *
     * @param parameters the stage's parameters
     * @param context    the stack context (species default)
     * @return the validated parameters
     * @throws org.atomstack.api.plugin.PluginException naming the parameter path and quoting the bad value
     */
    public static AceParameters parse(Parameters parameters, StackContext context) {
        return new AceParameters(AceConfig.parse(parameters, context));
    }

    /**
     * The parameter path the values were read from (e.g. "descriptor").
     *
     * @return the path
     */
    public String path() {
        return settings.path();
    }

    /**
     * The cutoff r_c in Å.
     *
     * @return r_c
     */
    public double cutoff() {
        return settings.cutoff();
    }

    /**
     * The species (atomic numbers, ascending): centre species and neighbour channels alike.
     *
     * @return a copy
     */
    public int[] species() {
        return settings.species();
    }

    /**
     * The basis specification (species, order, degrees, w_L, caps).
     *
     * @return the specification
     */
    public AceBasisSpec basisSpec() {
        return settings.basisSpec();
    }

    /**
     * The radial basis of a (centre, neighbour) species pair.
     *
     * @param centre    centre species index into {@link #species()}
     * @param neighbour neighbour species index into {@link #species()}
     * @param count     number of radial functions, 1..200
     * @return the radial basis R_n, n &lt; count
     */
    public RadialBasisSpec radial(int centre, int neighbour, int count) {
        return settings.radial(centre, neighbour, count);
    }

    /**
     * Whether {@code purify: true} was given.
     *
     * @return the flag
     */
    public boolean purify() {
        return settings.purify();
    }

    /**
     * The {@code purification} section as given, if any.
     *
     * @return the options of the purification plugin
     */
    public Optional<Parameters> purification() {
        Map<String, Object> p = settings.purification();
        return p == null ? Optional.empty() : Optional.of(Parameters.of(path() + ".purification", p));
    }

    /**
     * The canonical parameter map with all defaults made explicit, which recreates the same basis:
     * without {@code selection} and {@code purify}, with {@code purification} when given.
     *
     * @return a new mutable map
     */
    public Map<String, Object> toMap() {
        return settings.toMap();
    }

    @Override
    public String toString() {
        return "AceParameters" + toMap();
    }
}
