"""Where the front desk plugs into desk and the register. Called from
`FrontdeskConfig.ready()`."""


def register():
    pass
