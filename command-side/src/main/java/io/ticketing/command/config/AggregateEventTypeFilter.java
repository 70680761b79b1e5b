package io.ticketing.command.config;

import org.axonframework.spring.config.SpringAggregateConfigurer;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Makes {@code @Aggregate(filterEventsByType = true)} take effect. Axon's Spring Boot aggregate lookup (4.13)
 * copies every attribute of the annotation onto the aggregate's configurer except this one, so each repository
 * read every event stored under an id, whatever aggregate type appended it: a payment order's id sent as a
 * reservation id was replayed into a Reservation and failed as a 500. With the filter, which is Axon's own
 * ({@code EventSourcingRepository.Builder#filterByAggregateType}), a repository sees only its own type's events,
 * so a foreign id is simply not found.
 */
public class AggregateEventTypeFilter implements BeanFactoryPostProcessor {

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        for (String name : beanFactory.getBeanDefinitionNames()) {
            BeanDefinition definition = beanFactory.getBeanDefinition(name);
            if (!SpringAggregateConfigurer.class.getName().equals(definition.getBeanClassName())) {
                continue;
            }
            ConstructorArgumentValues.ValueHolder type = definition.getConstructorArgumentValues()
                    .getIndexedArgumentValue(0, Class.class);
            Aggregate aggregate = type != null && type.getValue() instanceof Class<?> aggregateType
                    ? AnnotatedElementUtils.findMergedAnnotation(aggregateType, Aggregate.class) : null;
            if (aggregate != null && aggregate.filterEventsByType()) {
                definition.getPropertyValues().add("filterEventsByType", true);
            }
        }
    }
}
