package dev.changewire.polling.control;

import dev.changewire.polling.entity.KeyBudget;
import java.util.Collection;
import java.util.Map;

/**
 * The provider's request budgets, as the quota planner needs them: declared here, implemented by the
 * element ({@code elements.constantcontact.control.ConstantContactBudgets}), so that polling imports no element.
 */
public interface RequestBudgets {

    /** The budget of each given instance; an instance whose requests draw from no known budget is left out. */
    Map<Long, KeyBudget> of(Collection<Long> instanceIds);
}
