/**
 * Learner code runs in the same realm as the engine and the hidden checks, and holds engine objects.
 * Every class it can reach (and every class whose methods a system's accounting runs) is frozen when its
 * module loads, prototype and static side, so replacing a method throws in strict code instead of
 * changing what the checks measure. Instances are frozen when made (see sealInstance), so a method
 * cannot be shadowed on one object either; their private state lives in # fields and module WeakMaps.
 */
/** Any class, abstract ones too. */
type AnyClass = abstract new (...args: never[]) => unknown;

export function freezeClass(cls: AnyClass): void {
  Object.freeze(cls.prototype);
  Object.freeze(cls);
}

/**
 * Freezes an instance at the end of its class's constructor. Only when `cls` is the class being
 * made: a subclass (learner code may extend SparkSession or a Kafka client) still defines its own fields first.
 */
export function sealInstance(instance: object, target: unknown, cls: AnyClass): void {
  if (target === cls) Object.freeze(instance);
}
