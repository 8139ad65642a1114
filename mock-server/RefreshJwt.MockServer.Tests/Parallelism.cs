// Every fixture starts its own mocks on free ports and shares no mutable state, so fixtures may run side by side;
// the tests inside one fixture share its mock and run one after another.
[assembly: Parallelizable(ParallelScope.Fixtures)]
