# frozen_string_literal: true

module Seam
  # A hash attribute of a resource (`device.properties`), read with methods (`.online`), nested
  # hashes and arrays of hashes likewise. As in the gem, `[]` reads an instance variable named
  # after the key, which is only ever set for "data": `properties["online"]` is nil there too.
  class DeepHashAccessor
    def initialize(data)
      @data = data
      @data.each do |key, value|
        define_singleton_method(key) { wrap(value) }
      end
    end

    def [](key)
      instance_variable_get(:"@#{key}")
    end

    def to_h
      @data
    end

    private

    def wrap(value)
      case value
      when Hash then DeepHashAccessor.new(value)
      when Array then value.map { |item| wrap(item) }
      else value
      end
    end
  end
end
