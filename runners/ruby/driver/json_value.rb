# frozen_string_literal: true

require "date"
require "time"

module DocHarness
  # The value a snippet returned, as the JSON the harness compares with the documented response:
  # resource objects as their raw `data` hash, DeepHashAccessor as its hash, symbols as strings,
  # times as the API writes them. Anything else that JSON cannot hold is said, not guessed at.
  module JsonValue
    class Unwritable < StandardError; end

    module_function

    # Classes whose instances stand for their `@data` hash (the client's resources and accessors),
    # in the profile's client module.
    def data_classes
      client = Driver::SPEC.fetch("module")
      %W[#{client}::Resources::BaseResource #{client}::BaseResource #{client}::DeepHashAccessor].filter_map do |name|
        Object.const_get(name) if Object.const_defined?(name)
      end
    end

    def write(value, data_classes, path = "$", open = {})
      case value
      when nil, true, false, Integer then value
      when Float
        raise Unwritable, "#{path} is #{value}, which JSON cannot hold" unless value.finite?

        value
      when Symbol then value.to_s
      when String then text(value, path)
      when Time then time(value)
      when DateTime then value.iso8601(3)
      when Date then value.iso8601
      else container(value, data_classes, path, open)
      end
    end

    def container(value, data_classes, path, open)
      if data_classes.any? { |klass| value.is_a?(klass) }
        return write(value.instance_variable_get(:@data), data_classes, path, open)
      end
      raise Unwritable, "#{path} is a #{value.class}, which is not a JSON value" unless value.is_a?(Hash) || value.is_a?(Array) || value.is_a?(Struct)
      raise Unwritable, "#{path} contains itself" if open.key?(value.object_id)

      open[value.object_id] = true
      begin
        case value
        when Array then value.each_with_index.map { |item, i| write(item, data_classes, "#{path}[#{i}]", open) }
        when Struct then write(value.to_h, data_classes, path, open)
        else
          value.each_with_object({}) do |(key, item), out|
            raise Unwritable, "#{path} has a key that is not a string: #{key.inspect}" unless key.is_a?(String) || key.is_a?(Symbol)

            out[key.to_s] = write(item, data_classes, "#{path}.#{key}", open)
          end
        end
      ensure
        open.delete(value.object_id)
      end
    end

    def text(value, path)
      utf8 = value.encoding == Encoding::UTF_8 ? value : value.dup.force_encoding(Encoding::UTF_8)
      raise Unwritable, "#{path} is not valid UTF-8 text" unless utf8.valid_encoding?

      utf8
    end

    # `2024-05-01T10:00:00.000Z`, the API's form, for a UTC time; ISO 8601 with its offset otherwise.
    def time(value)
      value.utc? ? value.strftime("%Y-%m-%dT%H:%M:%S.%LZ") : value.iso8601(3)
    end
  end
end
