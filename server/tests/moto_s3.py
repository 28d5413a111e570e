"""moto's S3 server for the object-storage tests, with one difference: AWS S3 (and MinIO) accept
`?uploads=1` on CreateMultipartUpload, which rusty-s3 signs, where moto's router insists on an empty
`?uploads`. Nothing else is changed. Usage: moto_s3.py -H 127.0.0.1 -p PORT"""
from moto.core import routing

_accept = routing.RequiredArg.accept


def accept(self, context):
    if self.value == "" and self.name in context.request.args:
        return True
    return _accept(self, context)


routing.RequiredArg.accept = accept

from moto.server import main  # noqa: E402

main()
