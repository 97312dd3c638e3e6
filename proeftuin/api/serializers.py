"""The error representation every API operation shares (RFC 9457 problem details)."""

from rest_framework import serializers

PROBLEM_MEDIA_TYPE = "application/problem+json"


class InvalidParamSerializer(serializers.Serializer):
    name = serializers.CharField()
    code = serializers.CharField()
    reason = serializers.CharField()


class ProblemSerializer(serializers.Serializer):
    """An error as application/problem+json (RFC 9457), with a Dutch title and detail."""

    type = serializers.CharField()
    code = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField(allow_blank=True)
    instance = serializers.CharField()
    invalid_params = InvalidParamSerializer(many=True, required=False)
