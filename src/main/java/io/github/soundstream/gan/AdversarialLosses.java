package io.github.soundstream.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.github.soundstream.nn.Constants;
import java.util.List;

/**
 * Hinge GAN losses and feature matching, averaged over discriminators. Constants come from {@link Constants} (never
 * Java numbers inside autograd) and are always the second operand.
 */
public final class AdversarialLosses {
    private final Constants constants;

    public AdversarialLosses(Constants constants) {
        this.constants = constants;
    }

    /** mean over discriminators of mean(relu(1 − D(real))) + mean(relu(1 + D(fake))). */
    public NDArray discriminatorHinge(List<DiscriminatorOutput> real, List<DiscriminatorOutput> fake) {
        NDArray total = null;
        for (int i = 0; i < real.size(); i++) {
            NDArray one = constants.like(1, real.get(i).logits());
            NDArray r = Activation.relu(real.get(i).logits().neg().add(one)).mean();
            NDArray f = Activation.relu(fake.get(i).logits().add(one)).mean();
            NDArray term = r.add(f);
            total = total == null ? term : total.add(term);
        }
        return total.div(constants.like(real.size(), total));
    }

    /** mean over discriminators of mean(relu(1 − D(fake))). */
    public NDArray generatorHinge(List<DiscriminatorOutput> fake) {
        NDArray total = null;
        for (DiscriminatorOutput d : fake) {
            NDArray term = Activation.relu(d.logits().neg().add(constants.like(1, d.logits()))).mean();
            total = total == null ? term : total.add(term);
        }
        return total.div(constants.like(fake.size(), total));
    }

    /** Mean over all feature maps of mean |real − fake|, real features detached. */
    public NDArray featureMatching(List<DiscriminatorOutput> real, List<DiscriminatorOutput> fake) {
        NDArray total = null;
        int maps = 0;
        for (int i = 0; i < real.size(); i++) {
            List<NDArray> rf = real.get(i).features();
            List<NDArray> ff = fake.get(i).features();
            for (int j = 0; j < rf.size(); j++) {
                NDArray term = ff.get(j).sub(rf.get(j).stopGradient()).abs().mean();
                total = total == null ? term : total.add(term);
                maps++;
            }
        }
        return total.div(constants.like(maps, total));
    }
}
