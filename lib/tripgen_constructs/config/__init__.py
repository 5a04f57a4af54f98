"""The pure config layer: props models, spec defaults, Azure limits and data tables.

Nothing here imports cdktf, jsii or a construct module, so validating a configuration starts no
Node process; constructs, the stack assembly, ``workloads/`` and ``rules/`` read this layer.
"""
