// One case at a time: the allocation guard reads the process-wide allocation counter, which parallel tests would inflate.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
