"""The config layer: every props model, spec default and Azure limit, as pure pydantic.

Nothing here imports cdktf, jsii or a construct module, so an environment's config can be built
and validated without starting the jsii runtime. Constructs read this layer; nothing in it reads up.
"""
